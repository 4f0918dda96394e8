// Renders `vpcreach matrix` (sim/query/matrix.h).
//
// text: an aligned table for people, `X` where the row reaches the column, `.` where it does
//       not; wider than kMaxTableColumns columns it is refused (use csv or json).
// csv:  `from,to` and one line per reachable pair (sparse: a region has millions of cells).
// json: {"by", "protocol", "ports", "labels", "kinds", "pairs": [[from, to], ...],
//        "stats": {"enis", "eni_classes"}, "complete"}.
#ifndef VPCREACH_SIM_REPORT_MATRIX_REPORT_H_
#define VPCREACH_SIM_REPORT_MATRIX_REPORT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sim/query/matrix.h"

namespace vpcreach {

inline constexpr std::size_t kMaxTableColumns = 60;

// nullopt when the matrix is too wide for a table.
std::optional<std::string> MatrixToText(const MatrixResult& m, const MatrixQuery& q);
std::string MatrixToCsv(const MatrixResult& m);
nlohmann::ordered_json MatrixToJson(const MatrixResult& m, const MatrixQuery& q);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_REPORT_MATRIX_REPORT_H_
