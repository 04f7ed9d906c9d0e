// Query parameters from the command line and from files: --param name=value
// reads the value as JSON when it is a number, true, false, null, a quoted
// string, a list or a map, and as a plain string otherwise; --params FILE
// reads a JSON object of them.
#pragma once

#include <string>

#include "query/binder.h"

namespace kg::query {

QValue parse_param_value(const std::string& text);
// Throws IoError / InputError (with the byte offset) for a bad file.
void read_params_file(const std::string& path, Params& out);

}  // namespace kg::query
