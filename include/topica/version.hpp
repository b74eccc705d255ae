#pragma once

namespace topica {
/// The library's version, "MAJOR.MINOR.PATCH".
const char* version();
}  // namespace topica
