/**
 * The Guardrails4j quickstart: a plain Java program that guards a LangChain4j chat model with a
 * policy file and prints what each guarded call decided.
 */
@NullMarked
package dev.guardrails4j.samples.quickstart;

import org.jspecify.annotations.NullMarked;
