// The widget manager of the light front end: ipywidgets' ManagerBase with a real kernel.
//
// It does what @jupyter-widgets/jupyterlab-manager's KernelWidgetManager does for Voila's lab
// page, without JupyterLab around it: the kernel opens a `jupyter.widget` comm for each model,
// the page fetches every model's state at once over the `jupyter.widget.control` comm (what
// ipywidgets 8 expects; ManagerBase._loadFromKernel), and the classes come from the modules
// bundled here: ipywidgets' base and the controls the series shows (src/controls.js), and
// anywidget's model and view.

import * as base from "@jupyter-widgets/base";
import {
  CONTROL_COMM_PROTOCOL_VERSION,
  CONTROL_COMM_TARGET,
  ManagerBase,
} from "@jupyter-widgets/base-manager";
import anywidget from "anywidget";

import * as shown from "./controls.js";
import escapeHtml from "./escape.js";

const WIDGET_TARGET = "jupyter.widget";
// ManagerBase gives the control comm 4 s, then asks the kernel for each widget's state one by
// one: hundreds of messages, on a server that was only slow because it was busy (30 readers
// at once). The page waits this long for the one answer instead.
const CONTROL_WAIT_MS = 60000;

// The modules a model or view may name (`_model_module`, `_view_module`), with the major
// version each is written with by the Python side: ipywidgets 8 writes "2.0.0" for its base
// and controls, anywidget 0.11.0 writes "~0.11.*".
// Of ipywidgets' controls, only those the series' pages show (src/controls.js).
const MODULES = {
  "@jupyter-widgets/base": { major: "2", load: () => base },
  "@jupyter-widgets/controls": { major: "2", load: () => shown },
  anywidget: { major: "0.11", load: anywidgetClasses },
};

let anywidgetModule = null;

function anywidgetClasses() {
  // anywidget's front end is a function of ipywidgets' base classes.
  if (anywidgetModule === null) anywidgetModule = anywidget(base);
  return anywidgetModule;
}

function versionMatches(wanted, major) {
  const bare = String(wanted || "").replace(/^[~^=v\s]+/, "");
  return bare === major || bare.startsWith(`${major}.`);
}

export class LightWidgetManager extends ManagerBase {
  constructor(kernel) {
    super();
    this._kernel = kernel;
    this._restoring = null;
    this._restored = false;
    kernel.registerCommTarget(WIDGET_TARGET, (comm, msg) =>
      this.handle_comm_open(new base.shims.services.Comm(comm), msg),
    );
    kernel.statusChanged.connect((_sender, status) => {
      // As JupyterLab's manager: a kernel that restarts has none of the page's models.
      if (status === "restarting" || status === "autorestarting") this.disconnect();
    });
    kernel.connectionStatusChanged.connect((_sender, status) => {
      // After a dropped connection comes back, the models catch up with the kernel.
      if (status === "connected" && this._restored && this._restoring === null) {
        this.restoreWidgets();
      }
    });
  }

  /** The kernel connection (the series' view helper watches its status). */
  get kernel() {
    return this._kernel;
  }

  /** Every model the kernel has, with its state, over the control comm (once at a time). */
  restoreWidgets() {
    if (this._restoring === null) {
      this._restoring = this._loadFromKernel()
        .then(() => {
          this._restored = true;
        })
        .finally(() => {
          this._restoring = null;
        });
    }
    return this._restoring;
  }

  /** ManagerBase's loading, given the states this page waited for (null: its own fallback). */
  async _loadFromKernel() {
    const reply = await this._requestStates();
    if (reply === null) return this._loadFromKernelModels();
    // ManagerBase asks over a control comm of its own: it is handed one already answered.
    this._create_comm = async (targetName, ...rest) =>
      targetName === CONTROL_COMM_TARGET
        ? answeredComm(reply)
        : LightWidgetManager.prototype._create_comm.call(this, targetName, ...rest);
    try {
      return await super._loadFromKernel();
    } finally {
      delete this._create_comm;
    }
  }

  /** The kernel's `update_states` message, or null if the control comm closed or never
   * answered within CONTROL_WAIT_MS. */
  async _requestStates() {
    const comm = await this._create_comm(
      CONTROL_COMM_TARGET,
      base.uuid(),
      {},
      { version: CONTROL_COMM_PROTOCOL_VERSION },
    );
    const reply = await new Promise((resolve) => {
      comm.on_msg((msg) => {
        if (msg.content.data.method === "update_states") resolve(msg);
      });
      comm.on_close(() => resolve(null));
      // The series' kernel then leaves out of each of ipywidgets' models what this front end's
      // model starts with anyway (lowback/widgets/control_comm.py): a third of the bytes.
      comm.send({ method: "request_states", drop_defaults: true }, {});
      setTimeout(() => resolve(null), CONTROL_WAIT_MS);
    });
    try {
      comm.close();
    } catch {
      // (already closed by the kernel)
    }
    return reply;
  }

  async loadClass(className, moduleName, moduleVersion) {
    const known = Object.hasOwn(MODULES, moduleName) ? MODULES[moduleName] : null;
    if (known === null) throw new Error(`Module ${moduleName} is not part of this page`);
    if (!versionMatches(moduleVersion, known.major)) {
      throw new Error(`Module ${moduleName} ${moduleVersion} is not the one on this page`);
    }
    const module = known.load();
    const found = Object.hasOwn(module, className) ? module[className] : undefined;
    if (typeof found !== "function") {
      throw new Error(`Class ${className} not found in module ${moduleName}`);
    }
    return found;
  }

  async _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = this._kernel.createComm(targetName, modelId);
    if (data || metadata) comm.open(data, metadata, buffers);
    return new base.shims.services.Comm(comm);
  }

  /** A description ipywidgets would write as HTML (`description_allow_html`), escaped: it shows
   * as the text it is. No view of the series sets that flag (src/escape.js). */
  inline_sanitize(source) {
    return escapeHtml(source);
  }

  async _get_comm_info() {
    const reply = await this._kernel.requestCommInfo({ target_name: this.comm_target_name });
    return reply.content.status === "ok" ? reply.content.comms : {};
  }
}

/** A stand-in control comm whose request is answered at once with `reply`. */
function answeredComm(reply) {
  let onMessage = () => {};
  return {
    on_msg(callback) {
      onMessage = callback;
    },
    on_close() {},
    send() {
      queueMicrotask(() => onMessage(reply));
      return "";
    },
    close() {},
  };
}
