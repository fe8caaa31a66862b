/** JMH benchmarks of the value codecs. */
@NullMarked
package dev.denokv.benchmarks;

import org.jspecify.annotations.NullMarked;
