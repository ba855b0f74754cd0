package dev.keyward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The house rules for process models, checked on every file under bpmn/: the file is named after its process,
 * IDs carry their type prefix, every element has a name people can read, and every shape and flow has a
 * diagram position, so the model opens in the Camunda Modeler as business people drew it.
 */
class BpmnModelsTest {

    static Stream<Path> models() throws IOException {
        return Files.list(Path.of("bpmn")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
    }

    @ParameterizedTest
    @MethodSource("models")
    void followsTheHouseRules(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        List<Process> processes = List.copyOf(model.getModelElementsByType(Process.class));
        assertThat(processes).hasSize(1);
        assertThat(file.getFileName().toString()).isEqualTo(processes.get(0).getId() + ".bpmn");
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getId()).as("type-prefixed id").matches("(Event|Task|Gateway|Activity|SubProcess)_[A-Z]\\w+");
            assertThat(node.getName()).as("name of " + node.getId()).isNotBlank();
            assertThat(diagram(node)).as("shape of " + node.getId()).isTrue();
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(flow.getId()).matches("Flow_[A-Z]\\w+");
            assertThat(diagram(flow)).as("edge of " + flow.getId()).isTrue();
        }
    }

    private static boolean diagram(BaseElement element) {
        return element.getDiagramElement() != null;
    }
}
