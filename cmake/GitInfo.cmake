# Stamps the build with the git commit it came from (shown by --version and in benchmark JSON).
execute_process(
  COMMAND git rev-parse --short=12 HEAD
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE BFBENCH_GIT_COMMIT
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT BFBENCH_GIT_COMMIT)
  set(BFBENCH_GIT_COMMIT "unknown")
endif()
