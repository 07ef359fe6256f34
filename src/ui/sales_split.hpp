// A creator's sales split by content type (video posts, LIVE, showcase / product card, other),
// the way TikTok's own creator list splits GMV: the creator screen's "Sales by content type"
// and the performance table's LIVE / showcase columns (docs/rules.md, "Order lines").
#pragma once
#include <cstdint>
#include <unordered_map>

#include "core/orders_import.hpp"
#include "table_util.hpp"

namespace sr::ui {

// Every creator's line sales, worked out once per program revision (a pass over every line).
const std::unordered_map<Id, CreatorLineSales>& cached_line_sales(const Program& p, uint64_t revision);

// The creator screen's section: one row per content type with orders, GMV, refunds, commission
// and the part of it expected but not yet paid (Pending, Frozen); video from the creator's
// posts (whose figures a person may have typed), the rest from the order lines.
void draw_sales_by_content(const Program& p, uint64_t revision, Id creator, Date today);

}  // namespace sr::ui
