// Regression tests for mismatches the differential test found between the solver and the tracer.
#include <gtest/gtest.h>
