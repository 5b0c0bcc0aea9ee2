# Raspberry Pi OS 64-bit and Debian arm64 (Pi 3, 4, 5, Zero 2 W): Debian's aarch64 cross
# compiler against a bookworm arm64 sysroot. See debian-cross.cmake and make-sysroot.sh.
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(NEWSTICKER_DEBIAN_ARCH arm64)
set(NEWSTICKER_TRIPLE aarch64-linux-gnu)
set(NEWSTICKER_QEMU qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
