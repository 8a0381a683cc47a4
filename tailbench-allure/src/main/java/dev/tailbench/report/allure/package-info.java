/**
 * Puts each run into the Allure report: parameters (data, schedule, every trick hyper-parameter),
 * labels (data set as suite, trick families as features), links to the papers, and the result
 * file and charts as attachments. Works through Allure's API from inside the test's execution,
 * which {@code allure-junit-platform}'s launcher listener has opened as the current test case; with
 * no such listener (e.g. under EngineTestKit) nothing is reported.
 */
package dev.tailbench.report.allure;
