/**
 * Worker processes: Ferry's own CLI started as a child process to run, resume, validate or roll back a plan, with its
 * database address in its environment and its output in a log file of its own. Shared by the console and the CLI
 * ({@code ferry run --detach}, {@code ferry resume}); what a worker does is seen through the journal.
 */
package dev.ferry.worker;
