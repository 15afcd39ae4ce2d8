using AssistantKit.Templates;

namespace AssistantKit.TestUtils;

/// <summary>Generates many realistic templates from a fixed seed, for search benchmarks.</summary>
public static class TemplateGenerator
{
    private static readonly string[] Subjects = ["Support", "Sales", "Travel", "Recipe", "Fitness", "Legal", "Finance", "Marketing", "Python", "Rust", "Kubernetes", "SQL", "History", "Physics", "Poetry", "Übersetzung", "Grammatik", "Steuer", "Reise", "Kochen"];
    private static readonly string[] Roles = ["Assistant", "Coach", "Expert", "Helper", "Tutor", "Analyst", "Writer", "Advisor", "Reviewer", "Planner"];
    private static readonly string[] Words = ["clear", "concise", "friendly", "detailed", "structured", "creative", "precise", "patient", "honest", "practical", "answers", "questions", "examples", "steps", "customers", "students", "reports", "code", "plans", "ideas"];

    /// <summary>Creates <paramref name="count"/> templates.</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The templates.</returns>
    public static List<AssistantTemplate> Create(int count, int seed = 7)
    {
        var random = new Random(seed);
        string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        return Enumerable.Range(0, count).Select(i =>
        {
            var subject = Subjects[random.Next(Subjects.Length)];
            var role = Roles[random.Next(Roles.Length)];
            return new AssistantTemplate
            {
                Id = $"t-{i:D6}",
                Name = $"{subject} {role} {i}",
                Description = $"A {Sentence(6)} {subject.ToLowerInvariant()} {role.ToLowerInvariant()}.",
                Category = (TemplateCategory)random.Next(6),
                Instructions = string.Join(". ", Enumerable.Range(0, 12).Select(_ => Sentence(8))) + ".",
                Tags = [subject.ToLowerInvariant(), role.ToLowerInvariant(), Words[random.Next(Words.Length)]],
                Examples = [new TemplateExample { User = "Hi", Assistant = "Hello!" }],
            };
        }).ToList();
    }
}
