using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CopAssessment.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AnswersKeyedBySubmissionAndQuestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An answer is keyed by its submission and question (decision 0025): the unique index on the two becomes the
            // primary key as it is (USING INDEX: renamed, not rebuilt), and the surrogate key goes.
            migrationBuilder.DropPrimaryKey(
                name: "PK_Answers",
                table: "Answers");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "Answers");

            migrationBuilder.Sql("""
                ALTER TABLE "Answers" ADD CONSTRAINT "PK_Answers" PRIMARY KEY USING INDEX "IX_Answers_SubmissionId_QuestionKey";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Answers",
                table: "Answers");

            migrationBuilder.AddColumn<long>(
                name: "Id",
                table: "Answers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Answers",
                table: "Answers",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_Answers_SubmissionId_QuestionKey",
                table: "Answers",
                columns: new[] { "SubmissionId", "QuestionKey" },
                unique: true);
        }
    }
}
