// The closing count of a vitest JSON report. A suite that failed to load, or whose beforeAll/afterAll hook
// failed, has no failed test of its own: it counts as one failure, and so does a run vitest itself calls
// unsuccessful (an unhandled error) with no failure counted otherwise.
export function summarize(json) {
  const notes = [];
  const failedSuites = (json.testResults ?? []).filter(
    (r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed'),
  );
  for (const suite of failedSuites)
    notes.push(
      `✖ suite failed outside its tests (load or hook): ${suite.name}\n  ${String(suite.message ?? '').split('\n')[0]}`,
    );
  let failed = json.numFailedTests + failedSuites.length;
  if (json.success === false && failed === 0) {
    notes.push('✖ vitest reports the run as failed (an unhandled error or a hook); see its output above.');
    failed = 1;
  }
  return { passed: json.numPassedTests, failed, notes };
}
