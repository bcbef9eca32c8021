#include "core/source.h"

#include <gtest/gtest.h>

namespace bf {
namespace {

TEST(Source, LineAndColumnCountBytesFromOne) {
  const Source source("prog.b", "ab\ncd\n\nxyz");
  EXPECT_EQ(source.line_column(0).line, 1u);
  EXPECT_EQ(source.line_column(0).column, 1u);
  EXPECT_EQ(source.line_column(4).line, 2u);
  EXPECT_EQ(source.line_column(4).column, 2u);
  EXPECT_EQ(source.line_column(9).line, 4u);
  EXPECT_EQ(source.line_column(9).column, 3u);
}

TEST(Source, DescribeNamesFileLineColumnAndByte) {
  const Source source("prog.b", "++\n+++[");
  EXPECT_EQ(source.describe(6), "prog.b:2:4 (byte 6)");
}

TEST(Source, ReadingAMissingFileNamesIt) {
  try {
    read_source_file("/nonexistent/prog.b");
    FAIL() << "no error";
  } catch (const SourceReadError& error) {
    EXPECT_EQ(error.message, "/nonexistent/prog.b: cannot read: No such file or directory");
  }
}

TEST(Source, ReadingADirectoryIsAnError) {
  try {
    read_source_file("/");
    FAIL() << "no error";
  } catch (const SourceReadError& error) {
    EXPECT_EQ(error.message, "/: cannot read: is a directory");
  }
}

}  // namespace
}  // namespace bf
