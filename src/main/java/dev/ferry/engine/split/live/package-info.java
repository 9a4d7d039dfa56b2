/**
 * What lets a split run be watched and steered from anywhere through its journal: its events journalled as they
 * happen, its worker's heartbeat, operators' requests read between batches, and the watch that replays all of it as
 * the same run events, in any console or terminal.
 */
package dev.ferry.engine.split.live;
