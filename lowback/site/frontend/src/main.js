// The light front end of the series' Voila pages (lowback/site/templates/voila_light).
//
// In place of Voila's lab front end (a JupyterLab application, its plugins and the federated
// lab extensions: about 95 files), this one module draws the page's cell outputs, connects to
// the page's kernel and shows its widgets:
//
// 1. every output that is not a widget is drawn at once, without waiting for the kernel;
// 2. the page's kernel (its id is in <script id="jupyter-config-data">) is reached over its
//    websocket (@jupyterlab/services' KernelConnection, the v1 protocol Voila speaks), and the
//    widget manager fetches every model's state over ipywidgets' control comm;
// 3. each widget's view is drawn where its output was, as Voila's page draws it;
// 4. when the tab closes, the kernel is shut down as Voila's page does it: a beacon to
//    /voila/api/shutdown/<id> with the `_xsrf` cookie as its token.
//
// It sends the kernel nothing but what the widgets send (no code: Voila refuses it anyway).

import { KernelConnection } from "@jupyterlab/services/lib/kernel/default.js";
import { ServerConnection } from "@jupyterlab/services/lib/serverconnection.js";

import { LightWidgetManager } from "./manager.js";
import {
  OUTPUT_SCRIPTS,
  WIDGET_MIME,
  outputWidget,
  preferredMimeType,
  putInPlace,
  renderData,
  widgetFailed,
} from "./outputs.js";

function pageConfig() {
  const element = document.getElementById("jupyter-config-data");
  try {
    return element ? JSON.parse(element.textContent) : {};
  } catch (error) {
    return {};
  }
}

function xsrfToken() {
  const match = document.cookie.match(/\b_xsrf=([^;]*)\b/);
  return (match && match[1]) || "";
}

function joinUrl(base, path) {
  return `${base.endsWith("/") ? base : `${base}/`}${path}`;
}

/** The page's outputs: those to draw now, and the widgets that need the kernel. */
function readOutputs() {
  const drawn = [];
  const widgets = [];
  for (const script of document.querySelectorAll(OUTPUT_SCRIPTS)) {
    let output;
    try {
      output = JSON.parse(script.textContent);
    } catch (error) {
      continue;
    }
    const data = output && output.data;
    const mime = preferredMimeType(data);
    if (mime === null) continue;
    if (mime === WIDGET_MIME) {
      const modelId = data[mime] && data[mime].model_id;
      if (typeof modelId === "string" && modelId !== "") widgets.push({ script, modelId });
    } else {
      drawn.push({ script, mime, data, metadata: output.metadata });
    }
  }
  return { drawn, widgets };
}

async function showWidget(manager, { script, modelId }) {
  let model;
  try {
    model = await manager.get_model(modelId);
  } catch (error) {
    widgetFailed(script, "Error displaying widget: model not found");
    console.error(error);
    return;
  }
  try {
    const view = await manager.create_view(model);
    const output = outputWidget(WIDGET_MIME);
    output.addWidget(view.luminoWidget);
    putInPlace(output, script);
    view.luminoWidget.disposed.connect(() => output.hide());
  } catch (error) {
    widgetFailed(script, "Error displaying widget");
    console.error(error);
  }
}

/** The socket the page's light-page.js opened for this kernel before this module came, with the events
 * it has had since, taken once (null if it opened none, or for another kernel). */
function earlySocketFor(kernelId) {
  const early = window.lowbackKernelSocket;
  if (!early || early.taken) return null;
  early.taken = true; // (light-page.js opens none from now on, and stops keeping events)
  const { socket, events } = early;
  if (!socket || early.kernelId !== kernelId) return null;
  return { socket, events: events.splice(0) };
}

/** What the kernel connection creates its sockets with: the early socket first, if there is one.
 * Its handlers are set as soon as it is handed over; the events it had before are then played to
 * them in order, before any that come later (those are tasks, these a microtask). */
function pageWebSocket(kernelId) {
  let early = null;
  let asked = false;
  function PageWebSocket(url, protocols) {
    if (!asked) {
      asked = true;
      early = earlySocketFor(kernelId);
    }
    const found = early;
    early = null;
    if (found === null) return new window.WebSocket(url, protocols);
    const { socket, events } = found;
    queueMicrotask(() => {
      for (const event of events) {
        const handler = socket[`on${event.type}`];
        if (typeof handler === "function") handler.call(socket, event);
      }
    });
    return socket;
  }
  return PageWebSocket;
}

function connect(config) {
  const baseUrl = config.baseUrl || "/";
  const kernelId = config.kernelId;
  const serverSettings = ServerConnection.makeSettings({
    baseUrl,
    WebSocket: pageWebSocket(kernelId),
  });
  const kernel = new KernelConnection({
    model: { id: kernelId, name: "" },
    serverSettings,
    handleComms: true,
  });
  window.addEventListener("beforeunload", () => {
    const data = new FormData();
    data.append("_xsrf", xsrfToken());
    navigator.sendBeacon(joinUrl(baseUrl, `voila/api/shutdown/${kernelId}`), data);
    kernel.dispose();
  });
  return kernel;
}

// KernelConnection holds back what is sent before its socket opens until the kernel has answered
// its kernel_info_request: a round trip more on every visit (100 ms on a phone network). The
// server has the kernel's channels up before it reads the socket (jupyter_server nudges the
// kernel first), so the page asks for its widgets as soon as the socket is open.
function opened(kernel) {
  if (kernel.connectionStatus === "connected") return Promise.resolve();
  return new Promise((resolve) => {
    const onStatus = (_sender, status) => {
      if (status !== "connected") return;
      kernel.connectionStatusChanged.disconnect(onStatus);
      resolve();
    };
    kernel.connectionStatusChanged.connect(onStatus);
  });
}

async function main() {
  const config = pageConfig();
  const { drawn, widgets } = readOutputs();
  const drawing = drawn.map(({ script, mime, data, metadata }) =>
    renderData(mime, data, metadata, script).catch((error) => {
      console.error(error);
    }),
  );
  if (typeof config.kernelId === "string" && config.kernelId !== "") {
    const kernel = connect(config);
    const manager = new LightWidgetManager(kernel);
    if (widgets.length > 0) {
      try {
        await opened(kernel);
        await manager.restoreWidgets();
      } catch (error) {
        console.error(error);
      }
      await Promise.all(widgets.map((widget) => showWidget(manager, widget)));
    }
  }
  await Promise.all(drawing);
  // Widgets that size themselves on a resize (Voila's page sends one once its cells are in).
  window.dispatchEvent(new Event("resize"));
  document.body.dataset.lowbackFrontend = "ready";
}

main();
