# Keyboard-only use (docs/rules.md, "Keyboard"): in Dear ImGui 1.86, Tab and Shift+Tab move
# between text fields only; combos, check boxes, buttons and selectable rows cannot be reached.
# Later Dear ImGui versions (1.89) make every item a tab stop when keyboard navigation is on,
# and start a Tab from the focused item rather than the window's first one. The build compiles
# a copy of Debian's imgui.cpp with those two conditions changed the same way (the sources in the
# cache stay as Debian ships them); a source that no longer holds them stops the configure,
# naming what was not found.
#
#   sr_imgui_with_tabbing(<imgui dir> <out var>)   sets <out var> to the copy's path
function(sr_imgui_with_tabbing imgui_dir out_var)
  set(src "${imgui_dir}/imgui.cpp")
  set(dst "${CMAKE_BINARY_DIR}/imgui_tabbing/imgui.cpp")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${src}")
  file(READ "${src}" text)

  set(tab_stop_old "const bool is_tab_stop = (item_flags & ImGuiItemFlags_Inputable) && (item_flags & (ImGuiItemFlags_NoTabStop | ImGuiItemFlags_Disabled)) == 0;")
  set(tab_stop_new "const bool is_tab_stop = (item_flags & (ImGuiItemFlags_NoTabStop | ImGuiItemFlags_Disabled | ImGuiItemFlags_NoNav)) == 0 && window->DC.NavLayerCurrent == g.NavLayer && ((item_flags & ImGuiItemFlags_Inputable) || (g.IO.ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard));")
  set(dir_old "g.NavTabbingDir = g.IO.KeyShift ? -1 : (g.ActiveId == 0) ? 0 : +1;")
  set(dir_new "g.NavTabbingDir = g.IO.KeyShift ? -1 : (g.ActiveId == 0 && (g.NavId == 0 || g.NavDisableHighlight)) ? 0 : +1;")

  foreach(pair "tab_stop" "dir")
    string(FIND "${text}" "${${pair}_old}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${src}: this line was not found, so Tab cannot be made to reach every control: ${${pair}_old}")
    endif()
    string(REPLACE "${${pair}_old}" "${${pair}_new}" text "${text}")
  endforeach()

  file(WRITE "${dst}.new" "${text}")
  configure_file("${dst}.new" "${dst}" COPYONLY)   # rewritten only when it changes
  set(${out_var} "${dst}" PARENT_SCOPE)
endfunction()
