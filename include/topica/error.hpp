// Errors thrown by libtopica. The library never prints or exits; front ends map these to exit
// codes (usage: 2, everything else: 1) or HTTP statuses.
#pragma once

#include <stdexcept>
#include <string>

namespace topica {

/// Any failure the user can act on: a missing file, bad input, an impossible request.
/// The message names the file, line or field and reads as one line.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The request itself is malformed (a bad option value, an unknown column): exit code 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// Input data is wrong or unreadable; the message says where ("docs.csv: line 3: ...").
class InputError : public Error {
 public:
  using Error::Error;
};

}  // namespace topica
