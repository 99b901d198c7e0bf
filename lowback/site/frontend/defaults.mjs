// Not part of the page: what every model of ipywidgets' base and controls starts with in this
// front end (Backbone's `defaults()`), read by harness/widget_defaults.py in Chromium. The kernel
// leaves those values out of the widget states it sends the light front end
// (lowback/widgets/control_comm.py), so they must be exactly these packages' own.

import * as base from "@jupyter-widgets/base";
import * as controls from "@jupyter-widgets/controls";

const defaults = {};
for (const [moduleName, module] of [
  ["@jupyter-widgets/base", base],
  ["@jupyter-widgets/controls", controls],
]) {
  const models = {};
  for (const [name, value] of Object.entries(module)) {
    const isModel =
      name.endsWith("Model") && typeof value === "function" && typeof value.prototype?.defaults === "function";
    if (isModel) models[name] = value.prototype.defaults();
  }
  defaults[moduleName] = models;
}
window.lowbackWidgetDefaults = JSON.parse(JSON.stringify(defaults));
