# Install rules: headers (the wick/ tree), libwick.so, a CMake package
# (find_package(wick) -> wick::wick) and a pkg-config file (wick.pc).
#
#   cmake --install build --prefix P      (or: make install PREFIX=P)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(wick PROPERTIES EXPORT_NAME wick VERSION ${PROJECT_VERSION}
                                      SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})

install(TARGETS wick EXPORT wickTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/wick DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")

set(WICK_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/wick)
install(EXPORT wickTargets NAMESPACE wick:: DESTINATION ${WICK_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/wickConfig.cmake.in
  ${PROJECT_BINARY_DIR}/wickConfig.cmake INSTALL_DESTINATION ${WICK_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/wickConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/wickConfig.cmake ${PROJECT_BINARY_DIR}/wickConfigVersion.cmake
  DESTINATION ${WICK_CMAKE_DIR})

# wick.pc is written at install time so that it names the prefix actually used
# (`cmake --install --prefix P` overrides the configured CMAKE_INSTALL_PREFIX).
# Outside the system library directories it adds an rpath, so programs linked
# with `pkg-config --libs wick` run without LD_LIBRARY_PATH.
set(WICK_PC_TEMPLATE ${PROJECT_SOURCE_DIR}/cmake/wick.pc.in)
install(CODE "
  set(WICK_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  if(NOT IS_ABSOLUTE \"\${WICK_PC_PREFIX}\")
    get_filename_component(WICK_PC_PREFIX \"\${WICK_PC_PREFIX}\" ABSOLUTE)
  endif()
  set(WICK_PC_LIBDIR \"\${WICK_PC_PREFIX}/${CMAKE_INSTALL_LIBDIR}\")
  set(WICK_PC_INCLUDEDIR \"\${WICK_PC_PREFIX}/${CMAKE_INSTALL_INCLUDEDIR}\")
  set(WICK_PC_RPATH \"-Wl,-rpath,\\\${libdir}\")
  foreach(sysdir /lib /usr/lib /lib64 /usr/lib64 /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}
          /lib/${CMAKE_LIBRARY_ARCHITECTURE})
    if(\"\${WICK_PC_LIBDIR}\" STREQUAL \"\${sysdir}\")
      set(WICK_PC_RPATH \"\")
    endif()
  endforeach()
  set(WICK_VERSION \"${PROJECT_VERSION}\")
  configure_file(\"${WICK_PC_TEMPLATE}\" \"${PROJECT_BINARY_DIR}/wick.pc.install\" @ONLY)
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\"
       TYPE FILE RENAME wick.pc FILES \"${PROJECT_BINARY_DIR}/wick.pc.install\")
")
