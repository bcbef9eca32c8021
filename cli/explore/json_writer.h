// JsonWriter: appends compact JSON to a string -- the explorer page's data, written without a
// library because it is arrays of numbers and short strings. Bytes >= 0x80 are escaped as
// \u00XX (Latin-1), so any source text becomes valid JSON that reads back byte for byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bf::cli {

class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  // An object member's name; the next value written is its value.
  JsonWriter& key(std::string_view name) {
    string(name);
    out_ += ':';
    fresh_ = true;
    return *this;
  }
  JsonWriter& number(int64_t value) { return raw(std::to_string(value)); }
  JsonWriter& unsigned_number(uint64_t value) { return raw(std::to_string(value)); }
  JsonWriter& real(double value);
  JsonWriter& boolean(bool value) { return raw(value ? "true" : "false"); }
  JsonWriter& string(std::string_view text);
  // A value another JsonWriter wrote.
  JsonWriter& json(const JsonWriter& other) { return raw(other.text()); }

  const std::string& text() const { return out_; }

 private:
  JsonWriter& open(char bracket) {
    separate();
    out_ += bracket;
    fresh_ = true;
    return *this;
  }
  JsonWriter& close(char bracket) {
    out_ += bracket;
    fresh_ = false;
    return *this;
  }
  JsonWriter& raw(std::string_view text) {
    separate();
    out_ += text;
    return *this;
  }
  void separate() {
    if (!fresh_) out_ += ',';
    fresh_ = false;
  }

  std::string out_;
  bool fresh_ = true;  // no comma before the next value (start of a container, or after a key)
};

}  // namespace bf::cli
