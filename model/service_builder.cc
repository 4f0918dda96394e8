#include "model/service_builder.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <string>

#include "model/catalog.h"
#include "model/endpoint_services.h"
#include "model/loader_messages.h"

namespace vpcreach {

void BuildServices(BuildContext& context,
                   const std::vector<std::pair<YamlReader*, YamlField>>& sections) {
  Model& model = context.model();
  model.services = BuiltinCatalog(model.region);
  model.endpoint_services = InterfaceEndpointServices(model.region, ActiveIpRanges());
  std::map<std::string, SourceLocation> defined;
  for (const auto& [reader, section] : sections) {
    YamlReader& r = *reader;
    YamlMap services(r, section);
    for (const YamlMap::Entry& e : services.Entries()) {
      if (auto [it, inserted] = defined.emplace(e.key, e.key_field.location); !inserted) {
        context.Error(e.key_field, "service '" + e.key + "' is already defined at " +
                                       FormatLocation(it->second));
        continue;
      }
      YamlMap body(r, e.value, {"cidrs", "ports"});
      std::vector<Cidr> cidrs;
      if (auto f = body.Require("cidrs")) {
        auto items = r.List(*f);
        if (items && items->empty()) context.Error(*f, "a service needs at least one CIDR");
        for (const YamlField& item : items.value_or(std::vector<YamlField>{})) {
          if (auto c = r.CidrValue(item)) cidrs.push_back(*c);
        }
      }
      std::optional<std::vector<PortRange>> ports;
      if (auto f = body.Get("ports")) {
        ports.emplace();
        for (const YamlField& item : r.List(*f).value_or(std::vector<YamlField>{})) {
          if (auto p = r.Ports(item)) ports->push_back(*p);
        }
      }
      auto it = std::find_if(model.services.begin(), model.services.end(),
                             [&](const Service& s) { return s.name == e.key; });
      if (it == model.services.end()) {
        Service added;
        added.name = e.key;
        // The two services with gateway endpoints keep that ability when a scenario supplies
        // their ranges (regions outside the built-in catalog).
        added.has_gateway_endpoint = e.key == "s3" || e.key == "dynamodb";
        model.services.push_back(added);
        it = std::prev(model.services.end());
      }
      it->cidrs = cidrs;
      if (ports) it->ports = *ports;
      it->origin = "defined in " + r.file();
      it->location = e.key_field.location;
    }
  }
}

}  // namespace vpcreach
