#include "form_fields.hpp"

#include "core/format.hpp"
#include "probe.hpp"
#include "style.hpp"

namespace sr::ui {

namespace {
int resize_callback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(static_cast<size_t>(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}
}  // namespace

bool input_string(const char* id, std::string& value, const char* hint, ImGuiInputTextFlags flags) {
    flags |= ImGuiInputTextFlags_CallbackResize;
    if (hint)
        return ImGui::InputTextWithHint(id, hint, value.data(), value.capacity() + 1, flags, resize_callback, &value);
    return ImGui::InputText(id, value.data(), value.capacity() + 1, flags, resize_callback, &value);
}

bool input_multiline(const char* id, std::string& value, const ImVec2& size) {
    return ImGui::InputTextMultiline(id, value.data(), value.capacity() + 1, size, ImGuiInputTextFlags_CallbackResize,
                                     resize_callback, &value);
}

void caption(const char* text) { ImGui::TextUnformatted(text); }

void field_error(const FieldErrors& errors, const std::string& field) {
    auto it = errors.find(field);
    if (it == errors.end()) return;
    message_line(palette().error, it->second, "error:" + field);
}

void message_line(const ImVec4& color, const std::string& text, const std::string& tag) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    if (!tag.empty()) probe_tag(tag, text);
}

std::string count_words(size_t n, const char* one, const char* many) { return count_of(n, one, many); }

}  // namespace sr::ui
