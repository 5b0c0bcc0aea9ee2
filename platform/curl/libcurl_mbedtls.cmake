# Builds an HTTP/HTTPS-only static libcurl on Mbed TLS from Debian's own curl source package,
# and imports it as CURL::libcurl.
#
# Why: Debian's libcurl is linked against OpenSSL only; the ticker wants Mbed TLS (small, and the
# TLS stack of the target devices). The build runs once at configure time and is cached under
# NEWSTICKER_DEPS_CACHE, keyed by curl version and compiler/toolchain, so every preset and every
# rebuild after the first reuses it (configure + build takes about 20 s on 2 cores).

set(NEWSTICKER_DEPS_CACHE "" CACHE PATH "Where the libcurl-on-Mbed-TLS build is cached")
if(NOT NEWSTICKER_DEPS_CACHE)
  if(DEFINED ENV{NEWSTICKER_DEPS_CACHE})
    set(NEWSTICKER_DEPS_CACHE "$ENV{NEWSTICKER_DEPS_CACHE}")
  elseif(DEFINED ENV{XDG_CACHE_HOME})
    set(NEWSTICKER_DEPS_CACHE "$ENV{XDG_CACHE_HOME}/newsticker")
  elseif(DEFINED ENV{HOME})
    set(NEWSTICKER_DEPS_CACHE "$ENV{HOME}/.cache/newsticker")
  else()
    set(NEWSTICKER_DEPS_CACHE "${CMAKE_BINARY_DIR}/_deps")
  endif()
endif()

set(_curl_src_root "${NEWSTICKER_DEPS_CACHE}/src")
file(MAKE_DIRECTORY "${_curl_src_root}")
# One configure at a time touches the cache (two presets configured in parallel would race).
file(LOCK "${NEWSTICKER_DEPS_CACHE}/.lock" GUARD FILE TIMEOUT 900 RESULT_VARIABLE _lock_result)

file(GLOB _curl_src_dirs LIST_DIRECTORIES true "${_curl_src_root}/curl-*")
list(FILTER _curl_src_dirs EXCLUDE REGEX "\\.(tar|dsc|gz|xz|asc)")
if(NOT _curl_src_dirs)
  message(STATUS "libcurl: fetching Debian's curl source package into ${_curl_src_root}")
  execute_process(
    COMMAND apt-get source curl
    WORKING_DIRECTORY "${_curl_src_root}"
    RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_VARIABLE _err)
  file(GLOB _curl_src_dirs LIST_DIRECTORIES true "${_curl_src_root}/curl-*")
  list(FILTER _curl_src_dirs EXCLUDE REGEX "\\.(tar|dsc|gz|xz|asc)")
  if(NOT _rc EQUAL 0 OR NOT _curl_src_dirs)
    message(FATAL_ERROR "libcurl: 'apt-get source curl' failed (${_rc}): ${_err}\n"
                        "Run deploy/install-deps.sh first: it enables Debian's deb-src index.")
  endif()
endif()
list(SORT _curl_src_dirs)
list(GET _curl_src_dirs -1 _curl_src)
get_filename_component(_curl_version "${_curl_src}" NAME)

# The cache key: what changes the produced library.
string(SHA1 _curl_key "${_curl_version}|${CMAKE_C_COMPILER}|${CMAKE_TOOLCHAIN_FILE}|${CMAKE_SYSROOT}|${CMAKE_C_COMPILER_VERSION}|v2")
string(SUBSTRING "${_curl_key}" 0 12 _curl_key)
set(_curl_prefix "${NEWSTICKER_DEPS_CACHE}/${_curl_version}-mbedtls-${_curl_key}")

if(NOT EXISTS "${_curl_prefix}/.complete")
  message(STATUS "libcurl: building ${_curl_version} on Mbed TLS into ${_curl_prefix}")
  set(_curl_build "${_curl_prefix}-build")
  file(REMOVE_RECURSE "${_curl_build}" "${_curl_prefix}")
  set(_curl_args
    -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_INSTALL_PREFIX=${_curl_prefix}
    -DCMAKE_INSTALL_LIBDIR=lib
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON
    -DCURL_USE_MBEDTLS=ON -DCURL_USE_OPENSSL=OFF -DHTTP_ONLY=ON
    -DBUILD_SHARED_LIBS=OFF -DCURL_USE_LIBSSH2=OFF -DUSE_LIBIDN2=OFF
    -DCURL_DISABLE_LDAP=ON -DBUILD_TESTING=OFF -DBUILD_CURL_EXE=OFF
    -DCURL_ZLIB=ON -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF -DUSE_NGHTTP2=OFF
    -DENABLE_MANUAL=OFF -DCURL_DISABLE_ALTSVC=ON
    # The system CA bundle is the default trust store (Debian's ca-certificates path,
    # the same on Raspberry Pi OS); a feed or the config can name another file.
    -DCURL_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt -DCURL_CA_PATH=none)
  if(CMAKE_TOOLCHAIN_FILE)
    list(APPEND _curl_args -DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE})
  endif()
  if(CMAKE_C_COMPILER)
    list(APPEND _curl_args -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER})
  endif()
  set(_curl_generator)
  if(CMAKE_GENERATOR)
    set(_curl_generator -G "${CMAKE_GENERATOR}")
  endif()
  execute_process(
    COMMAND ${CMAKE_COMMAND} ${_curl_generator} -S ${_curl_src} -B ${_curl_build} ${_curl_args}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "libcurl: configure failed:\n${_out}\n${_err}")
  endif()
  execute_process(
    COMMAND ${CMAKE_COMMAND} --build ${_curl_build} --parallel
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "libcurl: build failed:\n${_out}\n${_err}")
  endif()
  execute_process(
    COMMAND ${CMAKE_COMMAND} --install ${_curl_build}
    RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "libcurl: install failed: ${_err}")
  endif()
  file(REMOVE_RECURSE "${_curl_build}")
  file(TOUCH "${_curl_prefix}/.complete")
endif()

find_package(CURL CONFIG REQUIRED
  PATHS "${_curl_prefix}" NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
message(STATUS "libcurl: using ${_curl_version} on Mbed TLS from ${_curl_prefix}")
