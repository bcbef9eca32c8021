#include "cli/explore/json_writer.h"

#include <cmath>
#include <cstdio>

namespace bf::cli {

JsonWriter& JsonWriter::real(double value) {
  if (!std::isfinite(value)) return raw("null");
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return raw(text);
}

JsonWriter& JsonWriter::string(std::string_view text) {
  separate();
  out_ += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '"' || byte == '\\') {
      out_ += '\\';
      out_ += c;
    } else if (byte == '\n') {
      out_ += "\\n";
    } else if (byte < 0x20 || byte >= 0x7f || byte == '<') {
      // '<' too: the JSON sits inside a <script> element, where "</script" would end it.
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
      out_ += escaped;
    } else {
      out_ += c;
    }
  }
  out_ += '"';
  return *this;
}

}  // namespace bf::cli
