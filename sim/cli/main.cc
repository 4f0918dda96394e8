// The vpcreach binary; everything lives in sim/cli/commands.h.
#include "sim/cli/commands.h"

int main(int argc, char** argv) { return vpcreach::RunCli(argc, argv); }
