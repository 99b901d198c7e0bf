// Where the reader is (lowback.regions), remembered in this browser so the quiz and the routine
// page show the right emergency number without asking again.
//
// What is kept is the region's id alone, as plain text ("uk"), under the key the widget hands
// over. `settings` comes from Python (lowback.widgets.page_helper.region_memory_settings):
// {key, ids}; no key or id is typed here. Anyone can edit their own storage, so what is read
// back counts only when it is exactly one of `ids`; anything else is no region at all (the page
// then shows the common numbers and asks).

export function readRegion(settings) {
  let text = null;
  try {
    text = window.localStorage.getItem(settings.key);
  } catch (error) {
    return null; // storage switched off: the page asks
  }
  return typeof text === "string" && settings.ids.includes(text) ? text : null;
}

export function keepRegion(settings, id) {
  if (!settings.ids.includes(id)) return false;
  try {
    window.localStorage.setItem(settings.key, id);
    return true;
  } catch (error) {
    return false; // storage off or full: the page asks again next time, that is all
  }
}

export function forgetRegion(settings) {
  try {
    window.localStorage.removeItem(settings.key);
  } catch (error) {
    // Nothing was kept.
  }
}
