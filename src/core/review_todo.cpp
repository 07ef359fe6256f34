#include "review_todo.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "format.hpp"
#include "validate.hpp"

namespace sr {

namespace {

std::string who_marked(const ReviewMark& m) { return trim(m.by).empty() ? "someone" : trim(m.by); }

}  // namespace

const char* urgency_name(int urgency) {
    static const char* names[] = {"Now", "This week", "Follow up", "Opportunity", "For information"};
    return names[std::min(std::max(urgency, 0), 4)];
}

std::string mark_text(const ReviewMark& m) {
    if (m.state == MarkState::done) return "done " + m.on.to_string() + " by " + who_marked(m);
    return "snoozed " + m.on.to_string() + " by " + who_marked(m) + " until " + (m.until ? m.until->to_string() : "?");
}

ReviewMark mark_for(const ReviewItem& a, MarkState state, Date on, std::optional<Date> until) {
    ReviewMark m;
    m.action = action_key(a);
    m.state = state;
    m.numbers = a.numbers;
    if (state == MarkState::snoozed) m.until = until;
    m.on = on;
    m.title = a.title;
    return m;
}

ReviewTodo review_todo(const Review& r, const std::vector<ReviewMark>& marks, Date day) {
    ReviewTodo t;
    t.day = day;
    std::unordered_map<std::string, const ReviewMark*> by_key;
    by_key.reserve(marks.size());
    for (const ReviewMark& m : marks) by_key[m.action] = &m;  // one per action; the last one if a file holds two
    for (const ReviewItem& a : r.actions) {
        TodoEntry e;
        e.item = a;
        if (!by_key.empty()) {
            auto it = by_key.find(action_key(a));
            if (it != by_key.end()) {
                const ReviewMark& m = *it->second;
                e.mark = m;
                if (m.state == MarkState::done) {
                    e.hidden = m.numbers == a.numbers;
                    e.note = e.hidden ? mark_text(m)
                                      : "back with new numbers: " + mark_text(m) + " when it read \"" + m.numbers + "\"";
                } else {
                    e.hidden = m.until && day < *m.until;
                    e.note = e.hidden ? mark_text(m) : "back from a snooze: " + mark_text(m);
                }
            }
        }
        (e.hidden ? t.hidden : t.open).push_back(std::move(e));
    }
    return t;
}

std::string action_topic(const ReviewItem& a) {
    if (!a.creator_id) return a.title;
    const size_t colon = a.title.find(": ");
    return colon == std::string::npos ? a.title : a.title.substr(colon + 2);
}

std::vector<TodoGroup> group_by_creator(const ReviewTodo& t, const Program& p) {
    std::unordered_map<Id, const Creator*> creators;
    for (const Creator& c : p.creators) creators.emplace(c.id, &c);
    std::vector<TodoGroup> out;
    std::unordered_map<Id, size_t> group_of;  // creator id -> its group
    for (size_t i = 0; i < t.open.size(); ++i) {
        const ReviewItem& a = t.open[i].item;
        if (a.creator_id) {
            auto [it, fresh] = group_of.emplace(a.creator_id, out.size());
            if (!fresh) {
                out[it->second].items.push_back(i);
                continue;
            }
        }
        TodoGroup g;
        g.creator_id = a.creator_id;
        g.urgency = a.urgency;  // the list is in urgency order: the first action is the most urgent
        g.items.push_back(i);
        if (a.creator_id) {
            auto c = creators.find(a.creator_id);
            g.label = c == creators.end() ? "creator " + std::to_string(a.creator_id) : "@" + c->second->handle;
        } else {
            g.label = a.title;
        }
        out.push_back(std::move(g));
    }
    for (TodoGroup& g : out)
        for (size_t k = 0; k < g.items.size(); ++k)
            g.summary += (k ? "; " : "") + action_topic(t.open[g.items[k]].item);
    return out;
}

std::string todo_to_text(const ReviewTodo& t, const std::vector<TodoGroup>& groups, const Review& r, const Program& p) {
    std::string o = "Weekly review: " + p.settings.program_name + ", week " + r.week_start.to_string() + " to " +
                    r.week_end.to_string() + ", as of " + t.day.to_string() + "\n";
    size_t people = 0;
    for (const TodoGroup& g : groups) people += g.creator_id != 0;
    o += "To do: " + count_of(t.open.size(), "action", "actions") + " (" + count_of(people, "creator", "creators") + ", " +
         std::to_string(groups.size() - people) + " other); done or snoozed: " + std::to_string(t.hidden.size()) + "\n";
    auto item = [&](const TodoEntry& e, const std::string& indent, bool topic) {
        const ReviewItem& a = e.item;
        o += indent + "- " + (topic ? action_topic(a) : a.title) + "\n";
        o += indent + "    why: " + a.reason + "\n";
        o += indent + "    do:  " + a.action + (a.owner.empty() ? "" : " (owner: " + a.owner + ")") + "\n";
        if (!e.note.empty()) o += indent + "    " + e.note + "\n";
    };
    int urgency = -1;
    for (const TodoGroup& g : groups) {
        if (g.urgency != urgency) {
            urgency = g.urgency;
            std::string name = urgency_name(urgency);
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
            o += "\n" + name + "\n";
        }
        if (g.creator_id) {
            o += g.label + " (" + count_of(g.items.size(), "action", "actions") + ")\n";
            for (size_t i : g.items) item(t.open[i], "  ", true);
        } else {
            item(t.open[g.items.front()], "", false);
        }
    }
    if (t.open.empty()) o += "\nNothing to do.\n";
    if (!t.hidden.empty()) {
        o += "\nDONE OR SNOOZED (" + std::to_string(t.hidden.size()) + ")\n";
        for (const TodoEntry& e : t.hidden) o += "- " + e.item.title + ": " + e.note + "\n";
    }
    return o;
}

}  // namespace sr
