// Field-by-field checks for every record a command can add or change (docs/rules.md, sections 1-6).
// Each error names the field and says why, in words a person can act on. References to other
// records are checked against the program the record would join.
#pragma once
#include "creators.hpp"
#include "model.hpp"

namespace sr {

Errors validate_settings(const Settings& s);
Errors validate_product(const Product& x, const Program& p);
Errors validate_sample(const Sample& x, const Program& p);
// The record rules a brief needs to be saved (references, lengths). Whether it may be shared
// is check_brief() in briefs.hpp: a draft with errors can be saved, not shared.
Errors validate_brief(const Brief& x, const Program& p);
Errors validate_post(const Post& x, const Program& p);
Errors validate_spark_code(const SparkCode& x, const Program& p);
Errors validate_paid_round(const PaidRound& r);
Errors validate_incident(const ComplianceIncident& x);

// Trims spaces at both ends (Spark Codes are opaque trimmed strings).
std::string trim(std::string_view s);

}  // namespace sr
