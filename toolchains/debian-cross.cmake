# Shared part of the Raspberry Pi toolchain files (rpi-aarch64.cmake, rpi-armhf.cmake): Debian's
# cross compilers (g++-aarch64-linux-gnu, g++-arm-linux-gnueabihf) against a Debian bookworm
# sysroot that toolchains/make-sysroot.sh builds with mmdebstrap and caches.
#
# The including file sets NEWSTICKER_DEBIAN_ARCH (arm64, armhf), NEWSTICKER_TRIPLE and
# NEWSTICKER_QEMU, and CMAKE_SYSTEM_PROCESSOR.
#
# Sysroot location: $NEWSTICKER_SYSROOT, else <deps cache>/sysroot-<arch> (the same cache as
# libcurl: $NEWSTICKER_DEPS_CACHE, $XDG_CACHE_HOME/newsticker or ~/.cache/newsticker). When it is
# missing it is built here, once (a few minutes; cached across runs and presets).

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${NEWSTICKER_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${NEWSTICKER_TRIPLE}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${NEWSTICKER_TRIPLE})

if(DEFINED ENV{NEWSTICKER_SYSROOT})
  set(_sysroot "$ENV{NEWSTICKER_SYSROOT}")
elseif(DEFINED ENV{NEWSTICKER_DEPS_CACHE})
  set(_sysroot "$ENV{NEWSTICKER_DEPS_CACHE}/sysroot-${NEWSTICKER_DEBIAN_ARCH}")
elseif(DEFINED ENV{XDG_CACHE_HOME})
  set(_sysroot "$ENV{XDG_CACHE_HOME}/newsticker/sysroot-${NEWSTICKER_DEBIAN_ARCH}")
else()
  set(_sysroot "$ENV{HOME}/.cache/newsticker/sysroot-${NEWSTICKER_DEBIAN_ARCH}")
endif()

# Toolchain files are read again for every try_compile; only the first read may need to build.
if(NOT EXISTS "${_sysroot}/.newsticker-sysroot")
  message(STATUS "Building the ${NEWSTICKER_DEBIAN_ARCH} sysroot (once) in ${_sysroot}")
  execute_process(
    COMMAND "${CMAKE_CURRENT_LIST_DIR}/make-sysroot.sh" ${NEWSTICKER_DEBIAN_ARCH} "${_sysroot}"
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "toolchains/make-sysroot.sh ${NEWSTICKER_DEBIAN_ARCH} failed (${_rc})")
  endif()
endif()

set(CMAKE_SYSROOT "${_sysroot}")
set(CMAKE_FIND_ROOT_PATH "${_sysroot}")
# Programs (pkg-config, python3, openssl used by tests) come from the host; everything that is
# linked or included comes from the sysroot only.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The host's pkg-config, reading only the sysroot's .pc files and prefixing their paths.
set(ENV{PKG_CONFIG_DIR} "")
set(ENV{PKG_CONFIG_LIBDIR}
    "${_sysroot}/usr/lib/${NEWSTICKER_TRIPLE}/pkgconfig:${_sysroot}/usr/lib/pkgconfig:${_sysroot}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${_sysroot}")

# No binfmt_misc in containers: ctest and gtest_discover_tests call qemu explicitly, with the
# sysroot as the root for the target's loader and shared libraries.
set(CMAKE_CROSSCOMPILING_EMULATOR ${NEWSTICKER_QEMU} -L "${_sysroot}")
