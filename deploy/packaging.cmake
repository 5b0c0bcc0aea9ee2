# Install layout and the Debian package (CPack DEB), included from the top CMakeLists.txt after
# the newsticker target exists.
#
#   cmake --build build/release && (cd build/release && cpack -G DEB)
#   -> newsticker_<version>_<arch>.deb: /usr/bin/newsticker, the systemd unit, the default config
#      /etc/newsticker/newsticker.toml (a conffile: local edits survive upgrades), and
#      /usr/share/doc/newsticker/ (copyright with the licences, INSTALL.md, the nginx example).
#
# Native builds get their Depends from dpkg-shlibdeps. Cross builds (toolchains/rpi-*.cmake) use
# the list below instead: dpkg-shlibdeps needs the target's libraries registered in a dpkg
# database, and the extracted sysroot has none.

set(NEWSTICKER_LICENSE "UNDECLARED" CACHE STRING
    "Licence of newsticker's own code, written into the package's copyright file")

install(FILES ${PROJECT_SOURCE_DIR}/deploy/newsticker.service DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/newsticker.toml DESTINATION /etc/newsticker)

# The copyright file: our header plus Debian's copyright texts of what is compiled into the
# binary. The header-only libraries' texts are architecture-independent, so the build host's
# copies serve cross builds too; libcurl's comes from the very source tree it was built from.
set(_copyright "${CMAKE_CURRENT_BINARY_DIR}/deb/copyright")
set(CURL_VERSION "${_curl_version}")
configure_file(${PROJECT_SOURCE_DIR}/deploy/copyright.in "${_copyright}" @ONLY)
set(_embedded
  "libcurl (${_curl_version}, statically linked)|${_curl_src}/COPYING"
  "nlohmann-json (header-only)|/usr/share/doc/nlohmann-json3-dev/copyright"
  "toml++ (header-only)|/usr/share/doc/libtomlplusplus-dev/copyright"
  "CLI11 (header-only)|/usr/share/doc/libcli11-dev/copyright")
foreach(_entry IN LISTS _embedded)
  string(REPLACE "|" ";" _entry "${_entry}")
  list(GET _entry 0 _name)
  list(GET _entry 1 _file)
  if(NOT EXISTS "${_file}")
    message(FATAL_ERROR "packaging: ${_file} is missing (the licence text of ${_name}); "
                        "run deploy/install-deps.sh")
  endif()
  file(READ "${_file}" _text)
  # Indent as a DEP-5 comment block so the file stays machine-readable.
  string(REGEX REPLACE "\n" "\n " _text " ${_text}")
  string(REGEX REPLACE "\n \n" "\n .\n" _text "${_text}")
  string(REGEX REPLACE "\n \n" "\n .\n" _text "${_text}")
  file(APPEND "${_copyright}" "\nFiles: embedded/${_name}\nCopyright: see below\nLicense: see-below\nComment:\n${_text}\n")
endforeach()
install(FILES "${_copyright}" ${PROJECT_SOURCE_DIR}/deploy/INSTALL.md
              ${PROJECT_SOURCE_DIR}/deploy/nginx-newsticker-cache.conf
        DESTINATION share/doc/newsticker)

# ---- CPack ----------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME newsticker)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "newsticker maintainers <newsticker@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://localhost/newsticker")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "kiosk news ticker for lobby screens and Raspberry Pi displays")
set(CPACK_PACKAGE_DESCRIPTION "Fetches RSS, Atom and JSON Feed sources over HTTPS and scrolls their headlines
in a band at the bottom of the screen: full screen on the console through KMSDRM (no desktop
needed), in a window on a desktop, or headless. Runs as a hardened systemd service
(Type=notify, watchdog).")
if(CMAKE_CROSSCOMPILING AND NEWSTICKER_DEBIAN_ARCH)
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${NEWSTICKER_DEBIAN_ARCH})
else()
  execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE _arch
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${_arch})
endif()

# Not linked, but needed at run time: the default face and the CA store libcurl trusts.
set(_runtime_depends "fonts-dejavu-core, ca-certificates")
find_program(NEWSTICKER_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(NEWSTICKER_DPKG_SHLIBDEPS AND NOT CMAKE_CROSSCOMPILING)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "${_runtime_depends}")
else()
  # The sonames the binary needs (readelf -d), at Debian 12's / Raspberry Pi OS 12's versions.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.36), libstdc++6 (>= 12), libgcc-s1 (>= 3.0), \
libsdl2-2.0-0 (>= 2.26.0), libsdl2-ttf-2.0-0 (>= 2.20.0), libsdl2-image-2.0-0 (>= 2.6.0), \
libxml2 (>= 2.9.14), libmbedtls14 (>= 2.28.0), libmbedx509-1 (>= 2.28.0), \
libmbedcrypto7 (>= 2.28.0), zlib1g (>= 1:1.2.13), libutf8proc2 (>= 2.8.0), ${_runtime_depends}")
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/conffiles ${PROJECT_SOURCE_DIR}/deploy/debian/postinst
    ${PROJECT_SOURCE_DIR}/deploy/debian/prerm ${PROJECT_SOURCE_DIR}/deploy/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
