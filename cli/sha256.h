// SHA-256 of a byte string, as lowercase hex (OpenSSL's libcrypto does the hashing).
#pragma once

#include <string>
#include <string_view>

namespace bf {

std::string sha256_hex(std::string_view bytes);

}  // namespace bf
