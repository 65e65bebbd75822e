/**
 * Network addresses as plain values: IP literals and the trusted proxy ranges. Below both
 * {@code config} (which parses {@code TRUSTED_PROXIES}) and {@code web} (which uses it), so neither
 * has to import the other.
 */
package dev.resumesite.net;
