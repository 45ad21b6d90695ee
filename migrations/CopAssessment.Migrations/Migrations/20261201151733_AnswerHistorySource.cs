using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CopAssessment.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AnswerHistorySource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "AnswerHistory",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Source",
                table: "AnswerHistory");
        }
    }
}
