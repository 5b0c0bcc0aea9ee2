# The default fonts come from Debian's font packages (fonts-dejavu-core), not from this repo:
# see fonts/README.md for the licence and for how to add faces.
set(NEWSTICKER_FONT_DIRS /usr/share/fonts/truetype/dejavu ${CMAKE_SYSROOT}/usr/share/fonts/truetype/dejavu)
find_file(NEWSTICKER_DEFAULT_FONT DejaVuSans.ttf PATHS ${NEWSTICKER_FONT_DIRS} NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
find_file(NEWSTICKER_DEFAULT_BOLD_FONT DejaVuSans-Bold.ttf PATHS ${NEWSTICKER_FONT_DIRS} NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(NOT NEWSTICKER_DEFAULT_FONT OR NOT NEWSTICKER_DEFAULT_BOLD_FONT)
  message(FATAL_ERROR "DejaVu fonts not found: install fonts-dejavu-core (deploy/install-deps.sh)")
endif()
# On the target the font is read from the same Debian path the package depends on.
set(NEWSTICKER_DEFAULT_FONT /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
set(NEWSTICKER_DEFAULT_BOLD_FONT /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf)
