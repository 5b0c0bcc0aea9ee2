# Debian armhf (ARMv7-A with VFPv3-D16, Thumb-2: Pi 2 and later running a 32-bit OS): Debian's
# arm-linux-gnueabihf cross compiler, whose defaults are exactly Debian's armhf baseline.
# NOT for ARMv6 (Pi Zero, Pi Zero W, Pi 1): Debian's armhf code traps there; see deploy/INSTALL.md.
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(NEWSTICKER_DEBIAN_ARCH armhf)
set(NEWSTICKER_TRIPLE arm-linux-gnueabihf)
set(NEWSTICKER_QEMU qemu-arm)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
