// The ipywidgets controls the series' pages show, and only those: the page's module leaves out
// the others (sliders, date pickers, tabs, media, about 100 kB, 25 kB compressed, of the wait
// before the first answer on a slow phone line). A control not listed here shows as "Error
// displaying widget"; tests/widgets/test_light_controls.py fails first, naming it, when a view
// of the series makes one.

export {
  BoxModel,
  BoxView,
  HBoxModel,
  HBoxView,
  VBoxModel,
  VBoxView,
} from "@jupyter-widgets/controls/lib/widget_box.js";
export {
  ButtonModel,
  ButtonStyleModel,
  ButtonView,
} from "@jupyter-widgets/controls/lib/widget_button.js";
export {
  CheckboxModel,
  CheckboxStyleModel,
  CheckboxView,
} from "@jupyter-widgets/controls/lib/widget_bool.js";
export { DescriptionStyleModel } from "@jupyter-widgets/controls/lib/widget_description.js";
export { FloatTextModel, FloatTextView } from "@jupyter-widgets/controls/lib/widget_float.js";
export { IntTextModel, IntTextView } from "@jupyter-widgets/controls/lib/widget_int.js";
export {
  DropdownModel,
  DropdownView,
  RadioButtonsModel,
  RadioButtonsView,
} from "@jupyter-widgets/controls/lib/widget_selection.js";
export {
  HTMLModel,
  HTMLStyleModel,
  HTMLView,
  TextModel,
  TextStyleModel,
  TextView,
  TextareaModel,
  TextareaView,
} from "@jupyter-widgets/controls/lib/widget_string.js";
