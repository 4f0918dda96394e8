# Writes OUTPUT, a C++ source that defines `const char vpcreach::NAME[]` holding the text of INPUT,
# so that a data file is compiled into the binary and vpcreach runs from any directory.
#
#   cmake -DINPUT=data.json -DOUTPUT=data.cc -DNAME=kData -P cmake/EmbedText.cmake
#
# The text goes into a raw string literal (its delimiter, at most 16 characters by the standard,
# is vpcreach_text); INPUT must not contain the closing delimiter.
foreach(var INPUT OUTPUT NAME)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "EmbedText.cmake needs -D${var}=...")
  endif()
endforeach()

file(READ "${INPUT}" text)
string(FIND "${text}" ")vpcreach_text\"" delimiter_at)
if(NOT delimiter_at EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )vpcreach_text\"")
endif()

file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/EmbedText.cmake; do not edit.\n"
  "namespace vpcreach {\n"
  "extern const char ${NAME}[];\n"
  "const char ${NAME}[] = R\"vpcreach_text(${text})vpcreach_text\";\n"
  "}  // namespace vpcreach\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
file(REMOVE "${OUTPUT}.tmp")
