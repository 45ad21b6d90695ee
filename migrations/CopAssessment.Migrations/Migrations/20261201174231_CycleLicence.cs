using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CopAssessment.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CycleLicence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Cycles that exist already publish under the default licence, CC BY 4.0.
            migrationBuilder.AddColumn<string>(
                name: "Licence",
                table: "AssessmentCycles",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "CcBy40");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Licence",
                table: "AssessmentCycles");
        }
    }
}
