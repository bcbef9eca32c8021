#include "core/source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

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

namespace bf {
namespace {

// A file is mapped, not copied; pages released behind the parser come back from the file when an
// error message reads them again.
TEST(Source, AMappedFileReadsTheSameBytesAfterItsPagesAreReleased) {
  std::string bytes;
  for (int i = 0; bytes.size() < (3 << 20); ++i) bytes += "line " + std::to_string(i) + " +-\n";
  bytes += "[";
  const std::string path = ::testing::TempDir() + "mapped_source.b";
  std::ofstream(path, std::ios::binary) << bytes;
  const Source source = read_source_file(path);
  ASSERT_EQ(source.bytes(), bytes);
  source.release_before(bytes.size());
  EXPECT_EQ(source.bytes(), bytes);
  const auto last = static_cast<uint32_t>(bytes.size() - 1);
  const std::string lines = std::to_string(std::count(bytes.begin(), bytes.end(), '\n') + 1);
  EXPECT_EQ(source.describe(last), path + ":" + lines + ":1 (byte " + std::to_string(last) + ")");
}

TEST(Source, AnEmptyFileIsAnEmptySource) {
  const std::string path = ::testing::TempDir() + "empty_source.b";
  std::ofstream(path, std::ios::binary).flush();
  EXPECT_TRUE(read_source_file(path).bytes().empty());
}

}  // namespace
}  // namespace bf
