package de.jobcenter.postfach.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields the typed Kubernetes model does not know. fabric8's model classes keep every field they do not
 * declare (a typo such as {@code readinesProbe}, a field at the wrong level, a value of the wrong type) in their
 * {@code additionalProperties}; this walks every typed object of a resource, through the same bean properties
 * Jackson uses, and reports each such field with its path. For a custom resource only the metadata is typed;
 * {@link CustomResources} checks its spec.
 */
final class UnknownFields {

    private static final ObjectMapper INTROSPECTION = new ObjectMapper();
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private UnknownFields() {}

    static List<String> of(HasMetadata resource) {
        List<String> found = new ArrayList<>();
        if (resource instanceof GenericKubernetesResource generic) {
            walk(generic.getMetadata(), "metadata", found);
        } else {
            walk(resource, "", found);
        }
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> walk(entry, path + "." + key, found));
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                walk(element, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        BeanDescription description =
                INTROSPECTION.getSerializationConfig().introspect(INTROSPECTION.constructType(value.getClass()));
        AnnotatedMember anyGetter = description.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> additional) {
            additional.keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
        }
        for (BeanPropertyDefinition property : description.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor != null && !accessor.equals(anyGetter)) {
                walk(accessor.getValue(value), join(path, property.getName()), found);
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
