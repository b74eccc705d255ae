#include "topica/version.hpp"

namespace topica {
const char* version() { return TOPICA_VERSION; }
}  // namespace topica
