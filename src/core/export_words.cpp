#include "export_words.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "embedded.hpp"

namespace sr {

namespace {

using nlohmann::json;

// A list of texts, or a problem named by its path.
bool texts(const json& j, const std::string& where, std::vector<std::string>& out, std::vector<std::string>& problems) {
    if (!j.is_array()) {
        problems.push_back(where + " is not a list of texts");
        return false;
    }
    for (const json& x : j) {
        if (!x.is_string()) {
            problems.push_back(where + " is not a list of texts");
            return false;
        }
        out.push_back(x.get<std::string>());
    }
    return true;
}

// {"key": ["text", ...], ...} into `out`.
void text_lists(const json& j, const std::string& where, std::map<std::string, std::vector<std::string>>& out,
                std::vector<std::string>& problems) {
    if (!j.is_object()) {
        problems.push_back(where + " is not an object");
        return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) texts(it.value(), where + "." + it.key(), out[it.key()], problems);
}

}  // namespace

ExportWords read_export_words(std::string_view file_name, std::string_view text, std::vector<std::string>& problems) {
    ExportWords w;
    w.file = std::string(file_name);
    const size_t dot = file_name.find('.');
    w.kind = std::string(file_name.substr(0, dot));
    if (dot != std::string_view::npos) {
        const std::string_view rest = file_name.substr(dot + 1);
        w.language = std::string(rest.substr(0, rest.find('.')));
    }
    std::vector<std::string> found;
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        problems.push_back(w.file + ": not a JSON object");
        return w;
    }
    if (auto it = j.find("language"); it != j.end() && it->is_string()) w.language = it->get<std::string>();
    if (auto it = j.find("headers"); it != j.end()) text_lists(*it, "headers", w.headers, found);
    if (auto it = j.find("values"); it != j.end()) {
        if (!it->is_object()) found.push_back("values is not an object");
        else
            for (auto f = it->begin(); f != it->end(); ++f) text_lists(f.value(), "values." + f.key(), w.values[f.key()], found);
    }
    if (auto it = j.find("rows"); it != j.end()) text_lists(*it, "rows", w.rows, found);
    for (const std::string& p : found) problems.push_back(w.file + ": " + p);
    return w;
}

const ExportWordBook& export_words() {
    static const ExportWordBook book = [] {
        ExportWordBook b;
        for (size_t i = 0; i < kHeaderFilesCount; ++i)
            b.files.push_back(read_export_words(kHeaderFiles[i].name, kHeaderFiles[i].text(), b.problems));
        std::stable_sort(b.files.begin(), b.files.end(), [](const ExportWords& x, const ExportWords& y) {
            return (x.language == "en") > (y.language == "en");
        });
        return b;
    }();
    return book;
}

std::vector<const ExportWords*> export_words_of(std::string_view kind) {
    std::vector<const ExportWords*> out;
    for (const ExportWords& w : export_words().files)
        if (w.kind == kind) out.push_back(&w);
    return out;
}

}  // namespace sr
