// Any Node warning fails the run: warnings are how deprecated or unsafe behaviour first shows.
process.on('warning', (warning) => {
  throw new Error(`Node warning during tests: ${warning.name}: ${warning.message}`);
});
