'use strict';
// every page has registered itself (deferred scripts run in order): sign in, then show the route
WB.start();
