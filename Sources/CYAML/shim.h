// libyaml, the C parser Yams wrapped, from the system (Debian: libyaml-dev).
#include <yaml.h>
