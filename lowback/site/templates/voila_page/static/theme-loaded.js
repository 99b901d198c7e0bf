// The light page (lowback/site/templates/voila_light): no theme is fetched, since the light
// theme's variables come with the page's own stylesheets, so Voila's helper may show the cells as
// soon as they are in (window.voila_finish).
window.themeLoaded = true;
