@NullMarked
package dev.denokv.repository.article;

import org.jspecify.annotations.NullMarked;
