/** JMH benchmarks of the LangChain4j adapter: the cost of guarding a streamed answer. */
@NullMarked
package dev.guardrails4j.benchmarks.langchain4j;

import org.jspecify.annotations.NullMarked;
