#include "cli/verbs.hpp"

int main(int argc, char** argv) { return topica::cli::run(argc, argv); }
