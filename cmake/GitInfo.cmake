# Stamps the build with the git commit it came from (shown by --version and in benchmark JSON).
# The stamp is rewritten at every build, not only at configure time, so results never name a stale
# commit; the header is replaced only when its text changes, so an unchanged commit rebuilds nothing.
#   bf_add_version_header(TARGET OUTPUT_DIR)  generates OUTPUT_DIR/cli/version.h for TARGET
function(bf_add_version_header target output_dir)
  set(header ${output_dir}/cli/version.h)
  add_custom_target(${target}_version
    COMMAND ${CMAKE_COMMAND}
      -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
      -DTEMPLATE=${PROJECT_SOURCE_DIR}/cli/version.h.in
      -DOUTPUT=${header}
      -DPROJECT_VERSION=${PROJECT_VERSION}
      -P ${PROJECT_SOURCE_DIR}/cmake/WriteVersionHeader.cmake
    BYPRODUCTS ${header}
    COMMENT "Stamping the git commit into cli/version.h")
  add_dependencies(${target} ${target}_version)
  target_include_directories(${target} PUBLIC ${output_dir})
endfunction()
