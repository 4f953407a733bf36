// Imported first by the Ink tests: ink reads CI when it loads and then renders only the last
// frame, and colours would make frames depend on the machine. Plain, frame-by-frame output.
process.env.CI = '0';
process.env.NO_COLOR = '1';
delete process.env.FORCE_COLOR;
delete process.env.CONTINUOUS_INTEGRATION;
